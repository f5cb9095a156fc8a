"""District profiles: the data of the Fachplan's one-slide portrait."""
