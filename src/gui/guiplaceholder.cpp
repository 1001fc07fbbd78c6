// Replaced by the GUI layer.
