#include "scannedonly/control_command.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;
using namespace std::string_literals;

TEST(ControlCommand, BothFramingsAreUnderstoodAndTheReplyKeepsTheDelimiter) {
    const ParsedCommand z = parse_control_command("zPING\0"s);
    EXPECT_EQ(z.status, ParsedCommand::Complete);
    EXPECT_EQ(z.command, ControlCommand::Ping);
    EXPECT_EQ(z.delimiter, '\0');
    const ParsedCommand n = parse_control_command("nSTATS\n");
    EXPECT_EQ(n.status, ParsedCommand::Complete);
    EXPECT_EQ(n.command, ControlCommand::Stats);
    EXPECT_EQ(n.delimiter, '\n');
    EXPECT_EQ(parse_control_command("nVERSION\n").command, ControlCommand::Version);
    EXPECT_EQ(parse_control_command("nRELOAD\n").command, ControlCommand::Reload);
    EXPECT_EQ(parse_control_command("zSHUTDOWN\0"s).command, ControlCommand::Shutdown);
}

TEST(ControlCommand, WaitsForTheDelimiter) {
    EXPECT_EQ(parse_control_command("").status, ParsedCommand::Incomplete);
    EXPECT_EQ(parse_control_command("zPI").status, ParsedCommand::Incomplete);
    // The other framing's delimiter ends nothing.
    EXPECT_EQ(parse_control_command("zPING\n").status, ParsedCommand::Incomplete);
}

TEST(ControlCommand, UnknownCommandsAreCompleteButUnknown) {
    const ParsedCommand p = parse_control_command("nping\n");  // case matters, as in clamd
    EXPECT_EQ(p.status, ParsedCommand::Complete);
    EXPECT_EQ(p.command, ControlCommand::Unknown);
    EXPECT_EQ(p.name, "ping");
    EXPECT_EQ(parse_control_command("nPINGPONG\n").command, ControlCommand::Unknown);
}

TEST(ControlCommand, RefusesBadFramingEmptyNamesAndControlBytes) {
    EXPECT_EQ(parse_control_command("PING\n").status, ParsedCommand::Malformed);
    EXPECT_EQ(parse_control_command("\0"s).status, ParsedCommand::Malformed);
    EXPECT_EQ(parse_control_command("n\n").status, ParsedCommand::Malformed);
    EXPECT_EQ(parse_control_command("zPI\tNG\0"s).status, ParsedCommand::Malformed);
    const ParsedCommand escaped = parse_control_command("nPI\x1b[2JNG\n");
    EXPECT_EQ(escaped.status, ParsedCommand::Malformed);
    EXPECT_EQ(escaped.name.find('\x1b'), std::string::npos);
}

TEST(ControlCommand, TooLongWithOrWithoutDelimiter) {
    const std::string endless(kMaxControlCommand, 'A');
    EXPECT_EQ(parse_control_command("n" + endless).status, ParsedCommand::TooLong);
    EXPECT_EQ(parse_control_command("n" + endless + "\n").status, ParsedCommand::TooLong);
    const std::string almost(kMaxControlCommand - 3, 'A');
    EXPECT_EQ(parse_control_command("n" + almost).status, ParsedCommand::Incomplete);
    EXPECT_EQ(parse_control_command("n" + almost + "\n").status, ParsedCommand::Complete);
}

TEST(ControlCommand, FramesWhatTheClientSends) {
    EXPECT_EQ(frame_control_command("STATS"), "zSTATS\0"s);
}
