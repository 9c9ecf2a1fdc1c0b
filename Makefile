# armhv.hypervisor: the two commands of the README are `make site` and `make test`.
VENV := $(CURDIR)/.venv
COLLECTIONS := $(CURDIR)/build/collections
PLAYBOOK := env PATH=$(VENV)/bin:$$PATH ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS) ANSIBLE_STDOUT_CALLBACK=default \
	$(VENV)/bin/ansible-playbook -i inventory/local.yml
ANSIBLE_TEST := scripts/ansible-test
# Each tier says when it starts, so a slow run's log shows where the time went.
STAMP = @echo "[$$(date +%T)] make $@"

.PHONY: site test deps test-deps commands-smoke audit-test galaxy-check awx-test faults soak docs audit collection sanity lint units integration integration-incus api-test site-idempotent integration-and-api molecule bench bench-module bench-site bench-scaling bench-controller bench-payload api-bench

# Converge this machine with the default inventory (the main job).
site: deps collection
	$(PLAYBOOK) playbooks/site.yml

# Everything CI runs: static checks, unit tests, integration against the real LXD, the API, the main job
# twice, Molecule scenarios. The emulated aarch64 scenario (the long lane) waits for its disk, which
# .ci/run builds while the tiers before it run, and then runs beside the container scenarios. Started
# at once beside every tier instead, it shared the two cores for longer and the run took 77 minutes.
test: test-deps sanity lint units integration-and-api site-idempotent awx-test molecule

# The LXD integration targets and the API's tests at the same time: both wait on daemons more than they
# compute, and they share nothing (the API's tests have their own LXD daemon, directory, namespace
# armhvapi and 198.18.30.0/24; the targets use the machine's daemon and 198.18.0-11.0/24, 198.18.40.0/24).
integration-and-api: test-deps
	scripts/make-together integration api-test

# What the main job needs; test-deps adds the test tools (scripts/bootstrap says which).
deps:
	scripts/bootstrap

test-deps:
	scripts/bootstrap --test

collection: deps
	scripts/install-collection

sanity: test-deps
	$(STAMP)
	$(ANSIBLE_TEST) sanity --venv --python 3.11

# ansible-lint, production profile, offline (.ansible-lint); it resolves armhv.hypervisor from the build.
# A warning it prints (Ansible's, a deprecation, Python's) fails the tier too: ansible-lint passes them.
lint: test-deps collection
	$(STAMP)
	env PATH=$(VENV)/bin:$$PATH ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS) $(VENV)/bin/ansible-lint >build/lint.log 2>&1; \
	  rc=$$?; cat build/lint.log; exit $$rc
	! grep -E '\[(WARNING|DEPRECATION WARNING)\]|[A-Za-z]Warning\b' build/lint.log

units: test-deps
	$(STAMP)
	$(ANSIBLE_TEST) units --venv --python 3.11

integration: test-deps
	$(STAMP)
	$(ANSIBLE_TEST) integration --local --python 3.11 --allow-destructive

# The management API, installed from this tree into .venv-api, against its own LXD daemon and network
# namespace: contract scenarios, auth attacks, startup refusals, operations, schemathesis, the second
# factor, and the web UI in Debian's headless Chromium (tests/api/test_ui.py, which makes a container with
# ansible from the built collection). The files run in a shuffled order (printed), so a test that needs
# another to run first shows up.
# The integration targets again, against real Incus daemons (its own directory, bridge and port;
# scripts/incus-up; the cluster targets start three or four more, one per network namespace): every
# LXD module's target; net_bridge is netlink only, no daemon. Its own build tree, so it never shares
# ansible-test's output with the LXD pass.
INCUS_TARGETS := lxc_container lxc_container_info lxc_containers storage_pool inventory_lxd hv_cluster hv_cluster_joins \
  profile project managed_network network_acl network_forward storage_volume instance_snapshot image backup_copies
integration-incus: test-deps
	$(STAMP)
	scripts/incus-up
	env ARMHV_TEST_DAEMON=incus ARMHV_BUILD_ROOT=/var/tmp/armhv-build-incus \
	  $(ANSIBLE_TEST) integration --local --python 3.11 --allow-destructive $(INCUS_TARGETS)

api-test: test-deps collection
	$(STAMP)
	scripts/api-venv
	files=$$(ls tests/api/test_*.py | shuf) && echo "api-test order:" $$files && \
	  .venv-api/bin/pytest -q -p no:cacheprovider $$files

site-idempotent: collection
	$(STAMP)
	scripts/check-idempotent --no-warnings --skips tests/site-rerun-skips.txt $(PLAYBOOK) playbooks/site.yml

# Drift audit of this machine.
audit: collection
	$(PLAYBOOK) playbooks/audit.yml

# The audit on this converged machine as the README runs it (tests/site): clean after make site, and each
# drift, undeclared key or instance and refused container named in the reports.
audit-test: test-deps collection
	$(STAMP)
	$(VENV)/bin/pytest -q -p no:cacheprovider tests/site

# Jobs as AWX runs them (ansible-runner), on this converged machine: the collection installed from its
# tarball as a project sync does, an inventory source with the lxd inventory plugin, site.yml and the
# audit (no ansible.cfg) with a credential injected as AWX injects one; the example execution environment's context
# and ansible-builder's introspection.
awx-test: test-deps collection
	$(STAMP)
	env PATH=$(VENV)/bin:$$PATH $(VENV)/bin/pytest -q -p no:cacheprovider tests/awx

# Faults injected for real (tests/faults, LXD only): an LXD daemon of its own in a network namespace,
# killed with SIGKILL while lxc_container, lxc_containers and storage_pool create, then started again;
# a full pool and backup disk; a management path cut during a bridge change; a cluster member (three
# LXD daemons in namespaces of their own) killed during rolling_upgrade and during an evacuation.
faults: test-deps collection
	$(STAMP)
	env PATH=$(VENV)/bin:$$PATH $(VENV)/bin/pytest -q -p no:cacheprovider tests/faults

# The changelog and plugin docs linted, the documentation site built offline (docs/site/html).
docs: test-deps collection
	$(STAMP)
	scripts/build-docs

# The built tarball through galaxy-importer, the checks Galaxy and Automation Hub run on upload
# (docs/testing.md names the warnings it expects).
galaxy-check: test-deps
	$(STAMP)
	scripts/galaxy-check

# Test hosts come from images built here (cached by recipe) and run on the Incus daemon; Molecule needs
# its venv first on PATH.
# Two lanes (scripts/molecule-run): the container scenarios one by one, then AFTER_CONTAINERS; beside
# them the emulated aarch64 scenario, then AFTER_AARCH64. Each lane's tiers run while the other lane
# still runs, so they must share no daemon with it: after the container scenarios, the tiers on the
# Incus daemon (integration-incus; commands-smoke's bench-scaling uses the Molecule platform) and on the
# machine's LXD (audit-test, then commands-smoke, whose soak restarts LXD); after aarch64, the fault
# tests (LXD daemons of their own: namespaces armhvflt and armhvfc*, 198.18.3-4.0/24) and the offline
# docs and galaxy checks.
# debian13: a Debian 13 test host converged with Incus, the distribution's default daemon; migrate:
# playbooks/migrate_to_incus.yml on a Debian 12 host running LXD; newcomer: the README's Quick start and
# Next steps on a fresh Debian 12 host.
MOLECULE_SCENARIOS := smoke hypervisor cluster debian13 migrate newcomer
AFTER_CONTAINERS := integration-incus audit-test commands-smoke
MOLECULE_ALONGSIDE := aarch64
AFTER_AARCH64 := faults docs galaxy-check
molecule: test-deps collection
	$(STAMP)
	scripts/incus-up
	env PATH=$(VENV)/bin:$$PATH ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS) scripts/molecule-run \
	  "$(MOLECULE_SCENARIOS)" "$(MOLECULE_ALONGSIDE)" "$(AFTER_CONTAINERS)" "$(AFTER_AARCH64)"

# The commands the docs name that are not tests, run short so one that rots fails CI (after audit-test:
# the soak restarts LXD).
commands-smoke: test-deps collection
	$(STAMP)
	$(MAKE) site audit
	env ARMHV_BENCH_SECONDS=5 ARMHV_SOAK_SECONDS=5 $(MAKE) api-bench
	$(MAKE) bench BENCH_ARGS="--rounds 1 --counts 2 --memory-count 2 --no-write"
	$(MAKE) bench-module BENCH_ARGS="--rounds 1 --count 2 --no-write"
	$(MAKE) bench-site BENCH_ARGS="--rounds 1 --no-write"
	$(MAKE) bench-controller BENCH_ARGS="--counts 5 --per-host-up-to 5 --forks 5 --no-write"
	env ARMHV_SOAK_SECONDS=20 ARMHV_SOAK_RESTART_SECONDS=10 $(MAKE) soak
	$(MAKE) bench-scaling BENCH_ARGS="--hosts 2 --no-write"
	$(MAKE) bench-payload BENCH_ARGS="--no-write"

# Not a test: the management API's load figures (docs/performance.md); ARMHV_SOAK_SECONDS sets the soak,
# ARMHV_BENCH_SECONDS the burst.
api-bench: deps
	scripts/api-venv
	command -v wrk >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
	.venv-api/bin/python benchmarks/api_load.py

# Not a test: the API and site.yml against this machine for 10 minutes (ARMHV_SOAK_SECONDS) while LXD is
# restarted every 2 (ARMHV_SOAK_RESTART_SECONDS); prints errors, recoveries and memory.
soak: site
	scripts/api-venv
	.venv-api/bin/python benchmarks/soak.py

# Not tests: they print figures and write them into docs/performance.md (BENCH_ARGS passes options,
# e.g. --no-write). bench is the fleet path (the
# instances role against community.general's module looped, 20 and 100 instances); bench-module is
# one lxc_container task per instance against the same loop.
bench: collection
	env PATH=$(VENV)/bin:$$PATH ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS) $(VENV)/bin/python benchmarks/fleet.py $(BENCH_ARGS)

# Each module's AnsiballZ payload size (docs/performance.md); BENCH_ARGS="--against REV" compares.
bench-payload: deps
	$(VENV)/bin/python benchmarks/payload.py $(BENCH_ARGS)

bench-module: collection
	env PATH=$(VENV)/bin:$$PATH ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS) $(VENV)/bin/python benchmarks/lxc_container.py $(BENCH_ARGS)

# make site rerun on this converged machine (it converges it first), with where the time goes.
bench-site: deps
	$(VENV)/bin/python benchmarks/site_rerun.py $(BENCH_ARGS)

# site.yml over 10 Debian system-container hosts (on the Molecule platform's Incus) reached over SSH: a
# converge, then reruns at forks 5 and 10; bench-controller: the controller's cost per host-task with N
# simulated hosts (docs/scaling.md).
bench-scaling: test-deps collection
	scripts/incus-up
	env PATH=$(VENV)/bin:$$PATH ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS) $(VENV)/bin/python benchmarks/scaling.py $(BENCH_ARGS)

bench-controller: deps
	env PATH=$(VENV)/bin:$$PATH $(VENV)/bin/python benchmarks/controller_sim.py $(BENCH_ARGS)
