/**
 * The controller's edge: a component showing the controlled screen and the listeners that turn
 * pointer and key events on it into HIP messages, scaled from the view to the remote screen.
 */
package dev.parley.ua.control.view;
