"""Stage 6, stories: reports about one allegation grouped across outlets and days, their
independent origins, status over time, Admiralty grades, watches and the analyst's brief."""
