"""After the HTML build: catalog.json, every PDF and a pack, published all
together or not at all."""
