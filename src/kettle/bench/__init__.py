"""The project's own benchmark: `kettle bench generate` builds a synthetic community and
`kettle bench run` measures pages, API calls and writes on it against fixed costs and budgets."""
