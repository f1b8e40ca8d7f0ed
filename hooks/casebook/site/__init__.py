"""What is done to the built HTML and the built site."""
