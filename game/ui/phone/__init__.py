"""The phone's screens: lock, home, thread list, thread, calls, banners and the frame."""
