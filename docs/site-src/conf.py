# Sphinx configuration of the collection's documentation site (scripts/build-docs builds it offline).
# Made with antsibull-docs sphinx-init; intersphinx left out: CI has no route to docs.ansible.com.
project = 'armhv.hypervisor'
copyright = 'armhv.hypervisor contributors'
title = 'armhv.hypervisor documentation'
html_short_title = 'armhv.hypervisor'
extensions = ['sphinx.ext.autodoc', 'sphinx_antsibull_ext', 'myst_parser']
# The guides are the repository's Markdown files; their section links (#heading) resolve.
source_suffix = {'.rst': 'restructuredtext', '.md': 'markdown'}
myst_heading_anchors = 3
pygments_style = 'ansible'
highlight_language = 'YAML+Jinja'
html_theme = 'sphinx_ansible_theme'
html_show_sphinx = False
display_version = False
html_use_smartypants = True
html_use_modindex = False
html_use_index = False
html_copy_source = False
default_role = 'any'
# Links into docs.ansible.com (ansible.builtin, Ansible's guides) cannot resolve offline; every other
# reference that does not resolve is an error.
nitpicky = True
nitpick_ignore_regex = [
    ('std:ref', r'ansible_collections\.ansible\.builtin\..*'),
    ('std:ref', r'(common_return_values|action_plugins|callback_plugins|inventory_plugins|ansible_configuration_settings)'),
    ('std:envvar', r'ANSIBLE_.*'),
]
