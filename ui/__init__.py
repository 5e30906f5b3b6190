"""The Streamlit side: one folder of widgets per capability (as in services/), and beside them
what every page shares: the engine, translations, text shown as text, the transaction runner,
refusals in words, faults, editable tables, number fields, paging, the shell and the menu."""
