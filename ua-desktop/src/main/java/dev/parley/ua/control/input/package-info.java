/**
 * The controlled side's edge: applies decoded HIP messages to this desktop through {@link
 * java.awt.Robot}, and remembers every key and button it holds down so that all of them can be
 * released when the control session ends, whatever ends it.
 */
package dev.parley.ua.control.input;
