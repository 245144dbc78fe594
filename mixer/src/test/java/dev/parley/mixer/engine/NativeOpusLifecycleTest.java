package dev.parley.mixer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.mixer.audio.LibopusCodec;
import dev.parley.mixer.audio.OpusCodecs;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Native libopus state lives as long as the endpoint's audio leg, not longer. */
class NativeOpusLifecycleTest {
    /**
     * Endpoints come and go (added, replaced, their formats changed, removed, the room
     * closed): every native encoder and decoder made on the way is freed.
     */
    @Test
    void nativeStateIsFreedWhenEndpointsGo() {
        int before = LibopusCodec.liveStates();
        Conference room = new Conference(
                "room",
                new MediaCounters(),
                (c, e, k, ms) -> {},
                new SplittableRandom(1),
                OpusCodecs.of(OpusCodecs.Choice.LIBOPUS));
        CapturingTransport nowhere = new CapturingTransport();
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 10; i++) {
                room.add(opusEndpoint("e" + i, 111), nowhere);
            }
            assertThat(LibopusCodec.liveStates() - before)
                    .as("an encoder and a decoder per endpoint")
                    .isEqualTo(20);
            room.add(opusEndpoint("e0", 111), nowhere); // replaced
            room.update(opusEndpoint("e1", 96)); // new formats: a new leg
            room.add(pcmuEndpoint("e2"), nowhere); // no Opus any more
            for (int i = 0; i < 10; i += 2) {
                room.remove("e" + i);
            }
            assertThat(LibopusCodec.liveStates() - before)
                    .as("the five odd ones left")
                    .isEqualTo(10);
            if (round % 2 == 0) {
                room.close();
            } else {
                for (int i = 1; i < 10; i += 2) {
                    room.remove("e" + i);
                }
            }
            assertThat(LibopusCodec.liveStates()).as("round %d", round).isEqualTo(before);
        }
    }

    private static EndpointSpec opusEndpoint(String id, int payloadType) {
        return Packets.audio(id, new PayloadFormat(payloadType, "opus", 48000));
    }

    private static EndpointSpec pcmuEndpoint(String id) {
        return Packets.audio(id, Packets.PCMU);
    }
}
