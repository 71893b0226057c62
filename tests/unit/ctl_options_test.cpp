#include "scannedonly/ctl_options.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;
using namespace std::chrono_literals;

namespace {
std::string error_of(const std::vector<std::string>& args) {
    try {
        parse_ctl_command_line(args);
    } catch (const CtlUsageError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST(CtlOptions, CommandAndOptionsInAnyOrder) {
    CtlOptions o = parse_ctl_command_line({"stats", "--json", "-s", "/run/x", "--timeout", "500ms"});
    EXPECT_EQ(o.action, CtlAction::Stats);
    EXPECT_TRUE(o.json);
    EXPECT_EQ(o.socket, "/run/x");
    EXPECT_EQ(o.timeout, 500ms);
    o = parse_ctl_command_line({"--interval", "1", "watch", "--count", "3"});
    EXPECT_EQ(o.action, CtlAction::Watch);
    EXPECT_EQ(o.interval, 1s);
    EXPECT_EQ(o.count, 3u);
    EXPECT_EQ(parse_ctl_command_line({"metrics"}).action, CtlAction::Metrics);
    EXPECT_TRUE(parse_ctl_command_line({"--help"}).help);
}

TEST(CtlOptions, MistakesAreNamed) {
    EXPECT_EQ(error_of({}), "no command given (see --help)");
    EXPECT_EQ(error_of({"frobnicate"}), "frobnicate: unknown command (see --help)");
    EXPECT_EQ(error_of({"ping", "stats"}), "stats: one command at a time");
    EXPECT_EQ(error_of({"ping", "--bogus"}), "--bogus: unknown option");
    EXPECT_EQ(error_of({"ping", "--socket"}), "--socket: needs a value");
    EXPECT_EQ(error_of({"ping", "--json"}), "--json: only with stats");
    EXPECT_EQ(error_of({"ping", "-t", "0"}),
              "-t: '0' is not a duration above 0 (like 5, 500ms, 2s)");
    EXPECT_EQ(error_of({"watch", "--count", "x"}), "--count: 'x' is not a number");
}

TEST(CtlOptions, CheckConfigTakesTheFileToCheck) {
    const CtlOptions o = parse_ctl_command_line({"check-config", "--config", "/etc/s.conf"});
    EXPECT_EQ(o.action, CtlAction::CheckConfig);
    EXPECT_EQ(o.config, "/etc/s.conf");
    EXPECT_FALSE(parse_ctl_command_line({"check-config"}).config);
    EXPECT_NE(ctl_usage().find("check-config"), std::string::npos);
}
