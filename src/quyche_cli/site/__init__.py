"""The regulation as a static offline website: what each page says (``content``) and the files it becomes
(``build``), from the same typed results as the command line."""
