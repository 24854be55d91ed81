"""Full-window scenes: menus, the phone, the debrief and overlays."""
