"""Shared test helpers: factories for tenants and members, the resource-case registry the generic API
tests walk, and request helpers. Apps import from here; they never copy these into their own tests."""
