/** Sample-rate conversion between the rates of Parley's codecs (8, 16, 48 kHz). */
package dev.parley.media.resample;
