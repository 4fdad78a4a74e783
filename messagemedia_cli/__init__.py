"""The ``messagemedia`` command line: send, look up, watch and manage from the shell.

Built on ``messagemedia_messages.MessageMedia``, so every command gets the client's validation,
signing, retries and typed errors. Install it with the ``cli`` extra
(``pip install 'messagemedia-messages[cli]'``) and run ``messagemedia --help``.

Nothing in the project imports this package: it sits on top of the client.
"""
