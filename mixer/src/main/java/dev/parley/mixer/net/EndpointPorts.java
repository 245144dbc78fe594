package dev.parley.mixer.net;

/**
 * The local ports of an endpoint, for the focus to put in its SDP answer.
 *
 * @param rtpPort where the endpoint sends RTP
 * @param rtcpPort where it sends RTCP: the same port under rtcp-mux
 * @param created true when this call created the endpoint, false when it replaced one
 */
public record EndpointPorts(String address, int rtpPort, int rtcpPort, boolean created) {}
