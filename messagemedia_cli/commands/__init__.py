"""One module per command (or group of commands); each is imported only when its command runs."""
