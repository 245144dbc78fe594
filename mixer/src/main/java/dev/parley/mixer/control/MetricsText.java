package dev.parley.mixer.control;

import dev.parley.media.DropReason;
import dev.parley.mixer.audio.LibopusCodec;
import dev.parley.mixer.audio.OpusCodecs;
import dev.parley.mixer.engine.MediaCounters;
import dev.parley.mixer.engine.MixerDrop;
import dev.parley.mixer.net.WorkerSnapshot;
import java.util.List;
import java.util.Locale;

/** Renders worker snapshots in the Prometheus text exposition format (version 0.0.4). */
final class MetricsText {
    private MetricsText() {}

    static String render(List<WorkerSnapshot> workers, OpusCodecs opus, int realtimeThreads) {
        MediaCounters total = new MediaCounters();
        int conferences = 0;
        int endpoints = 0;
        for (WorkerSnapshot w : workers) {
            total.addAll(w.counters());
            conferences += w.conferences();
            endpoints += w.endpoints();
        }
        StringBuilder out = new StringBuilder(4096);
        gauge(out, "parley_mixer_conferences", "Conferences hosted.", conferences);
        gauge(out, "parley_mixer_endpoints", "Endpoints hosted.", endpoints);
        gauge(
                out,
                "parley_mixer_realtime_threads",
                "Media worker threads running SCHED_FIFO (--realtime-priority).",
                realtimeThreads);
        counter(
                out,
                "parley_mixer_packets_in_total",
                "Datagrams read from media sockets.",
                total.get(MediaCounters.Count.PACKETS_IN));
        header(out, "parley_mixer_packets_out_total", "counter", "Packets sent, by protocol.");
        sample(out, "parley_mixer_packets_out_total{protocol=\"rtp\"}", total.get(MediaCounters.Count.RTP_OUT));
        sample(out, "parley_mixer_packets_out_total{protocol=\"rtcp\"}", total.get(MediaCounters.Count.RTCP_OUT));
        header(out, "parley_mixer_packets_dropped_total", "counter", "Packets dropped, by reason.");
        for (DropReason r : DropReason.values()) {
            if (r != DropReason.NONE) {
                sample(out, "parley_mixer_packets_dropped_total{reason=\"" + label(r.name()) + "\"}", total.get(r));
            }
        }
        for (MixerDrop r : MixerDrop.values()) {
            sample(out, "parley_mixer_packets_dropped_total{reason=\"" + label(r.name()) + "\"}", total.get(r));
        }
        counter(
                out,
                "parley_mixer_mix_ticks_total",
                "20 ms audio mixes run (one per conference).",
                total.get(MediaCounters.Count.MIX_TICKS));
        counter(
                out,
                "parley_mixer_mix_ticks_late_total",
                "Mixes that ran more than 5 ms after their deadline.",
                total.get(MediaCounters.Count.MIX_TICKS_LATE));
        counter(
                out,
                "parley_mixer_dtmf_events_total",
                "RFC 4733 key presses received.",
                total.get(MediaCounters.Count.DTMF_EVENTS));
        header(
                out,
                "parley_mixer_worker_busy_seconds_total",
                "counter",
                "Time each worker spent working; its rate is the worker's load (1 = a full core).");
        for (WorkerSnapshot w : workers) {
            sample(
                    out,
                    "parley_mixer_worker_busy_seconds_total{worker=\"" + w.index() + "\"}",
                    String.format(Locale.ROOT, "%.6f", w.busyNanos() / 1e9));
        }
        header(out, "parley_mixer_worker_conferences", "gauge", "Conferences per worker.");
        for (WorkerSnapshot w : workers) {
            sample(out, "parley_mixer_worker_conferences{worker=\"" + w.index() + "\"}", w.conferences());
        }
        header(
                out,
                "parley_mixer_opus_info",
                "gauge",
                "The Opus implementation the mixer runs (libopus or concentus).");
        sample(out, "parley_mixer_opus_info{implementation=\"" + opus.implementation() + "\"}", 1);
        gauge(
                out,
                "parley_mixer_opus_native_states",
                "Native libopus encoders and decoders allocated and not yet freed.",
                LibopusCodec.liveStates());
        return out.toString();
    }

    private static String label(String enumName) {
        return enumName.toLowerCase(Locale.ROOT);
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        header(out, name, "gauge", help);
        sample(out, name, value);
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        header(out, name, "counter", help);
        sample(out, name, value);
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String series, Object value) {
        out.append(series).append(' ').append(value).append('\n');
    }
}
