"""Built-in analyzers. Every module in this package is imported by the registry,
and registers its analyzers with :func:`presslens.registry.register_analyzer`."""
