"""Loading: file bytes to text, text to YAML nodes with positions, nodes to the model.

``source`` reads and decodes, ``compose`` puts the fast (``fast``, rapidyaml) and the
careful (``careful``, libyaml) YAML readers behind one module, ``schema`` validates,
``build`` makes the model, and ``loader`` runs the whole stage for one file.
``document`` pairs a model with its source for the rules.
"""
