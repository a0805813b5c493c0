"""One module per notebook: everything that notebook's cells use, under one name.

A notebook's first cell imports its chapter, e.g.
``from collabkit.chapters import over_collaboration as chapter``, and later cells call
``chapter.net_benefit()``, ``chapter.load_firm_panel()``, ... instead of importing the
package's internal modules, which can then move without breaking notebooks.

========================  ====================================
module                    notebook
========================  ====================================
``start_here``            ``00_start_here.ipynb``
``fundamentals``          ``01_fundamentals.ipynb``
``network_design``        ``02_network_design.ipynb``
``platform_economy``      ``03_platform_economy.ipynb``
``over_collaboration``    ``04_over_collaboration.ipynb``
========================  ====================================

Chapters are the top layer, next to ``collabkit.cli``: they may use every other layer and
nothing in the package uses them. Their names load on first use
(:func:`collabkit.core.lazy.lazy_exports`), so importing a chapter costs next to nothing.
"""
