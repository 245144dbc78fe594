#!/bin/sh
# The private network of one baresip scenario (issue 8), run as
#   unshare -n sh netns.sh ADDRESS/PREFIX
# in a fresh network namespace: loopback up, ADDRESS on one end of a veth pair whose two ends
# both stay inside this namespace (the kernel here has no dummy driver), and the default route
# through it, so every packet stays in the namespace and baresip's "first non-loopback address"
# is ADDRESS. Prints "ready", then holds the namespace until its stdin closes; the test starts
# each process inside with nsenter --net=/proc/PID/ns/net.
set -eu
ip link set lo up
ip link add pa0 type veth peer name pa1
ip addr add "$1" dev pa0
ip link set pa0 up
ip link set pa1 up
ip route add default dev pa0
echo ready
read -r _closed || true
