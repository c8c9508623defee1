"""Breaking news (a banner on every page of an edition) and developing stories (follow-up chains)."""
