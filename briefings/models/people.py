"""People of the desk as readers and colleagues see them: by name, never by a bare id."""


def display_name_from(first_name: str, last_name: str, username: str) -> str:
    """“Ana Lopes”, or the login name of an account that has no name."""
    return " ".join(part for part in (first_name.strip(), last_name.strip()) if part) or username


def display_name(user) -> str:
    """The name bylines, logs and pages show for `user` (`display_name_from()` for a row)."""
    return display_name_from(user.first_name or "", user.last_name or "", user.get_username())


def name_parts(full_name: str) -> tuple[str, str]:
    """A full name as Django's user stores it: (“Amira”, “Haddad”), the first word and the
    rest, so that `display_name_from()` gives back the name exactly as written (“Ana de
    Lopes Silva” too); a name longer than the columns is refused by the caller's validation."""
    words = full_name.split()
    return (words[0], " ".join(words[1:])) if words else ("", "")
