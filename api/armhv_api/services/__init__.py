"""The API's work per resource, on the modules' own code: containers, pools, bridges, cluster members."""
