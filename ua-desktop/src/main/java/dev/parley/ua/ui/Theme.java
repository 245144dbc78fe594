package dev.parley.ua.ui;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * FlatLaf light or dark, following the desktop: GNOME's {@code color-scheme} (and {@code
 * gtk-theme}) through {@code gsettings}, else a {@code GTK_THEME} ending in {@code :dark}; light
 * when nothing says otherwise. {@code PARLEY_THEME=dark|light} overrides.
 */
final class Theme {
    private Theme() {}

    /** Installs the look and feel; call before any component is made. */
    static void install() {
        if (prefersDark()) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
    }

    static boolean prefersDark() {
        String forced = System.getenv("PARLEY_THEME");
        if (forced != null && !forced.isBlank()) {
            return forced.trim().equalsIgnoreCase("dark");
        }
        String gtk = System.getenv("GTK_THEME");
        if (gtk != null && gtk.toLowerCase(Locale.ROOT).endsWith(":dark")) {
            return true;
        }
        String scheme = gsettings("color-scheme");
        if (scheme.contains("prefer-dark")) {
            return true;
        }
        return gsettings("gtk-theme").toLowerCase(Locale.ROOT).contains("dark");
    }

    /** One key of {@code org.gnome.desktop.interface}, or "" when gsettings is missing or slow. */
    private static String gsettings(String key) {
        try {
            Process p = new ProcessBuilder("gsettings", "get", "org.gnome.desktop.interface", key)
                    .redirectErrorStream(true)
                    .start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            try (InputStream in = p.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
