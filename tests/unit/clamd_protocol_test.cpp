#include "scannedonly/clamd_protocol.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;

TEST(ClamdReply, CleanAndFoundFromStreamsAndDescriptors) {
    EXPECT_EQ(parse_clamd_reply("stream: OK").kind, ClamdReply::Ok);
    EXPECT_EQ(parse_clamd_reply("fd[12]: OK").kind, ClamdReply::Ok);
    const ClamdReply found = parse_clamd_reply("stream: Win.Test.EICAR_HDB-1 FOUND");
    EXPECT_EQ(found.kind, ClamdReply::Found);
    EXPECT_EQ(found.text, "Win.Test.EICAR_HDB-1");
    const ClamdReply fd_found = parse_clamd_reply("fd[7]: Eicar-Signature FOUND");
    EXPECT_EQ(fd_found.kind, ClamdReply::Found);
    EXPECT_EQ(fd_found.text, "Eicar-Signature");
}

TEST(ClamdReply, ErrorsWithAndWithoutSubject) {
    const ClamdReply limit = parse_clamd_reply("INSTREAM size limit exceeded. ERROR");
    EXPECT_EQ(limit.kind, ClamdReply::Error);
    EXPECT_EQ(limit.text, "INSTREAM size limit exceeded.");
    EXPECT_TRUE(is_stream_limit(limit));
    const ClamdReply read = parse_clamd_reply("fd[9]: read() failed ERROR");
    EXPECT_EQ(read.kind, ClamdReply::Error);
    EXPECT_EQ(read.text, "read() failed");
    EXPECT_FALSE(is_stream_limit(read));
}

TEST(ClamdReply, AnythingElseIsGarbage) {
    for (const char* reply :
         {"", "OK", "stream: ", "stream: FOUND", "stream:OK", "stream: OK ", "stream: two words FOUND",
          "fd[]: OK", "fd[x]: OK", "file: OK", "PONG", "UNKNOWN COMMAND", " ERROR", "stream:  ERROR",
          "stream: OK\n", "HTTP/1.1 200 OK"})
        EXPECT_EQ(parse_clamd_reply(reply).kind, ClamdReply::Garbage) << '"' << reply << '"';
    EXPECT_EQ(parse_clamd_reply(std::string_view("stream: OK\0", 11)).kind, ClamdReply::Garbage);
    EXPECT_EQ(parse_clamd_reply("stream: " + std::string(2000, 'A') + " FOUND").kind,
              ClamdReply::Garbage);
    EXPECT_EQ(parse_clamd_reply("stream: Na\xffme FOUND").kind, ClamdReply::Garbage);
}

TEST(ClamdVersion, EngineSignaturesAndDate) {
    const auto v = parse_clamd_version("ClamAV 1.4.2/27456/Mon Dec  1 09:35:00 2026");
    ASSERT_TRUE(v);
    EXPECT_EQ(v->engine, "1.4.2");
    EXPECT_EQ(v->signatures, "27456");
    EXPECT_EQ(v->date, "Mon Dec  1 09:35:00 2026");
    const auto bare = parse_clamd_version("ClamAV 1.0.7");
    ASSERT_TRUE(bare);
    EXPECT_EQ(bare->engine, "1.0.7");
    EXPECT_EQ(bare->signatures, "");
}

TEST(ClamdVersion, MalformedIsRefused) {
    for (const char* reply : {"", "ClamAV ", "clamav 1.4.2", "ClamAV 1.4.2/", "ClamAV 1.4.2/x/date",
                              "ClamAV 1.4.2/27456/", "ClamAV 1.4.2/27456", "PONG",
                              "ClamAV 1 4/1/d"})
        EXPECT_FALSE(parse_clamd_version(reply)) << '"' << reply << '"';
}

TEST(ClamdTcp, HostAndPort) {
    const auto v4 = parse_clamd_tcp("127.0.0.1:3310");
    ASSERT_TRUE(v4);
    EXPECT_EQ(v4->host, "127.0.0.1");
    EXPECT_EQ(v4->port, 3310);
    EXPECT_EQ(v4->name(), "tcp:127.0.0.1:3310");
    const auto v6 = parse_clamd_tcp("[::1]:3310");
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->host, "::1");
    EXPECT_EQ(v6->name(), "tcp:[::1]:3310");
    const auto named = parse_clamd_tcp("scan1.example.org:3310");
    ASSERT_TRUE(named);
    EXPECT_EQ(named->host, "scan1.example.org");
}

TEST(ClamdTcp, MalformedIsRefused) {
    for (const char* text : {"", "host", "host:", ":3310", "host:0", "host:65536", "host:33x",
                             "::1:3310", "[::1:3310", "host :3310", "[]:3310", "host:+1"})
        EXPECT_FALSE(parse_clamd_tcp(text)) << '"' << text << '"';
}
