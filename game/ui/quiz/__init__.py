"""The pre/post "scam or real?" check, rendered with the game's own phone."""
