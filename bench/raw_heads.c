/*
 * The floor under "many small operations": COUNT HEAD requests for /BUCKET/KEY over one keep-alive
 * TCP connection to 127.0.0.1:PORT, each a fixed, unsigned request written with one send() and its
 * answer read with recv() until the end of its head. No HTTP library, no signing, no allocation
 * per request: what is left is the loopback round trip and the server's own work, which any client
 * pays. bench/bench.py runs it against oss-server started with --anonymous, beside the two SDKs.
 *
 *   raw_heads PORT BUCKET KEY COUNT
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Reads one answer's head (a HEAD answer has no body); 0 on success. */
static int read_head(int sock, char *buf, size_t cap) {
    size_t got = 0;
    while (got < cap - 1) {
        ssize_t n = recv(sock, buf + got, cap - 1 - got, 0);
        if (n <= 0) return -1;
        got += (size_t)n;
        buf[got] = '\0';
        if (strstr(buf, "\r\n\r\n") != NULL) return 0;
    }
    return -1;
}

int main(int argc, char *argv[]) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s PORT BUCKET KEY COUNT\n", argv[0]);
        return 2;
    }
    int port = atoi(argv[1]);
    long count = atol(argv[4]);
    int sock = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    if (sock < 0 || connect(sock, (struct sockaddr *)&addr, sizeof addr) != 0) {
        perror("connect");
        return 1;
    }
    char request[1024];
    int len = snprintf(request, sizeof request, "HEAD /%s/%s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n", argv[2],
                       argv[3], port);
    if (len <= 0 || (size_t)len >= sizeof request) return 2;
    char answer[8192];
    for (long i = 0; i < count; i++) {
        if (send(sock, request, (size_t)len, 0) != len || read_head(sock, answer, sizeof answer) != 0) {
            fprintf(stderr, "request %ld: connection failed\n", i);
            return 1;
        }
        if (strncmp(answer, "HTTP/1.1 200", 12) != 0) {
            fprintf(stderr, "request %ld: %.40s\n", i, answer);
            return 1;
        }
    }
    close(sock);
    return 0;
}
