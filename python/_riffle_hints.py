# An exception's text as the job's error shows it: str(e), and for a NameError of a name Riffle's pyflink has (the seed
# article's Sessionizer block uses ValueStateDescriptor and Types and prints no import of them), the import that gives it.

# Where PyFlink users import each name from, first match wins: the package's own names, then the state module's.
_MODULES = ("pyflink.common", "pyflink.datastream", "pyflink.datastream.state")
_homes = None


def _home_of(name):
    global _homes
    if _homes is None:
        import importlib
        _homes = {}
        for module_name in _MODULES:
            module = importlib.import_module(module_name)
            names = getattr(module, "__all__", None) or [n for n, v in vars(module).items()
                                                         if isinstance(v, type) and v.__module__ == module_name]
            for n in names:
                if not n.startswith("_"):
                    _homes.setdefault(n, module_name)
    return _homes.get(name)


def exception_text(e):
    """str(e), with the import to add after a NameError of a pyflink name."""
    text = str(e)
    if type(e) is NameError and isinstance(getattr(e, "name", None), str):
        home = _home_of(e.name)
        if home is not None:
            text += f" (PyFlink's: from {home} import {e.name})"
    return text
