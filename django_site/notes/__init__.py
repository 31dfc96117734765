"""The sample model: notes, written on Django pages and through the Flask API."""
