"""Stand-in for the pip bootstrap script ansible-test downloads into its virtualenvs.

That download host is not reachable from our machines, PyPI is: bootstrap pip from the interpreter's
own ensurepip, then let that pip install the pinned pip version ansible-test asked for."""
import ensurepip
import os
import subprocess
import sys

# Options only get-pip.py itself understands.
OWN_OPTIONS = ('--no-setuptools', '--no-wheel')

config_file = os.environ.get('PIP_CONFIG_FILE')
ensurepip.bootstrap(upgrade=True)
# ensurepip points PIP_CONFIG_FILE at /dev/null in our own environment; the machine's pip config
# (its CA bundle among others) must apply to the real install.
os.environ.pop('PIP_CONFIG_FILE', None)
if config_file is not None:
    os.environ['PIP_CONFIG_FILE'] = config_file
pip_args = [arg for arg in sys.argv[1:] if arg not in OWN_OPTIONS]
sys.exit(subprocess.call([sys.executable, '-m', 'pip', 'install'] + pip_args))
