/**
 * The window's side of remote control: the Allow/Decline dialog, the always-on-top bar "NAME is
 * controlling your screen — Stop", and the stop hotkey.
 */
package dev.parley.ua.control.swing;
