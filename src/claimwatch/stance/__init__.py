"""Stage 5, stance: certainty, acts and claims of statements, and the stance of whole reports."""
