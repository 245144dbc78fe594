package dev.parley.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.registrar.auth.AuthFailure;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void rendersPrometheusTextWithCumulativeBuckets() {
        Metrics m = new Metrics(() -> 3);
        m.request("REGISTER");
        m.request("REGISTER");
        m.registerAnswered(200, 800_000); // 0.8 ms
        m.registerAnswered(401, 30_000_000); // 30 ms
        m.authFailed(AuthFailure.WRONG_PASSWORD);
        m.dropped(DropReason.UNPARSEABLE);
        m.callForwarded();
        m.proxyFinal(200);
        m.proxyFinal(487);
        m.proxyActive(1);
        String text = m.render();
        assertThat(text)
                .contains("# TYPE parley_bindings_active gauge\nparley_bindings_active 3\n")
                .contains("parley_sip_requests_total{method=\"REGISTER\"} 2\n")
                .contains("parley_register_responses_total{status=\"200\"} 1\n")
                .contains("parley_auth_failures_total{reason=\"wrong_password\"} 1\n")
                .contains("parley_sip_dropped_total{reason=\"unparseable\"} 1\n")
                .contains("parley_register_duration_seconds_bucket{le=\"0.0005\"} 0\n")
                .contains("parley_register_duration_seconds_bucket{le=\"0.001\"} 1\n")
                .contains("parley_register_duration_seconds_bucket{le=\"0.05\"} 2\n")
                .contains("parley_register_duration_seconds_bucket{le=\"+Inf\"} 2\n")
                .contains("parley_register_duration_seconds_count 2\n")
                .contains("parley_proxy_calls_forwarded_total 1\n")
                .contains("parley_proxy_final_responses_total{class=\"2xx\"} 1\n")
                .contains("parley_proxy_final_responses_total{class=\"4xx\"} 1\n")
                .contains("parley_proxy_transactions_active 1\n");
    }
}
