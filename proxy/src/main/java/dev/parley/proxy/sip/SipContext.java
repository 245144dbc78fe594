package dev.parley.proxy.sip;

import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

/** jain-sip's factories, made once per stack and shared by the handlers. */
record SipContext(AddressFactory addresses, HeaderFactory headers, MessageFactory messages) {}
