"""Pure content rules, no Sphinx: front matter and its schema, the body's
sections, clinical safety, the words for enum values, printable characters and
the bibliography. Every rule returns located Problems."""
