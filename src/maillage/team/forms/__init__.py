"""Forms of the team app (parsing only; the rules are the models' and the services')."""
