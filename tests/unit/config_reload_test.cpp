#include "scannedonly/config_reload.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;
using namespace std::chrono_literals;

namespace {
DaemonConfig parsed(std::string_view text) {
    return build_config(std::string("ScanRoot /srv\n") + std::string(text), "f", {});
}
using Keys = std::vector<std::string>;
}  // namespace

TEST(ConfigReload, UnchangedFileChangesNothing) {
    const ReloadPlan plan = plan_reload(parsed("LogLevel 2\n"), parsed("LogLevel 2\n"));
    EXPECT_TRUE(plan.applied.empty());
    EXPECT_TRUE(plan.needs_restart.empty());
}

TEST(ConfigReload, RunTimeSettingsAreTakenFromTheFile) {
    const ReloadPlan plan = plan_reload(
        parsed(""), parsed("ScanRoot /data\nExclude \\.iso$\nLogLevel 3\nStatusInterval 5s\n"
                           "FailedRetryInterval 0\nExceedsMaxAction allow\nMaxScanTime 5s\n"
                           "VirusAction /bin/true\nDatabase /srv/db\n"));
    EXPECT_EQ(plan.applied, (Keys{"ScanRoot", "Exclude", "FailedRetryInterval", "VirusAction",
                                  "Database", "ExceedsMaxAction", "MaxScanTime", "LogLevel",
                                  "StatusInterval"}));
    EXPECT_TRUE(plan.needs_restart.empty());
    EXPECT_EQ(plan.config.scan_roots, (Keys{"/srv", "/data"}));
    ASSERT_EQ(plan.config.excludes.size(), 1u);
    EXPECT_TRUE(plan.config.excludes[0].matches("/srv/a.iso"));
    EXPECT_EQ(plan.config.log_level, 3);
    EXPECT_EQ(plan.config.max_scan_time, 5s);
    EXPECT_EQ(plan.config.exceeds_max_action, ExceedsMaxAction::Allow);
}

TEST(ConfigReload, SettingsBoundAtStartWaitForARestart) {
    const DaemonConfig running = parsed("");
    const ReloadPlan plan = plan_reload(
        running, parsed("Socket /run/s\nMaxThreads 9\nQueueLength 7\nScannedPrefix .ok:\n"
                        "LogLevel 0\nControlSocket /run/c\n"));
    EXPECT_EQ(plan.needs_restart,
              (Keys{"Socket", "ControlSocket", "MaxThreads", "QueueLength", "ScannedPrefix"}));
    EXPECT_EQ(plan.applied, (Keys{"LogLevel"}));
    EXPECT_EQ(plan.config.socket_path, running.socket_path);
    EXPECT_EQ(plan.config.max_threads, running.max_threads);
    EXPECT_EQ(plan.config.prefixes.scanned, running.prefixes.scanned);
    EXPECT_EQ(plan.config.log_level, 0);
}

TEST(ConfigReload, AWarningTemplatesNewTextIsTakenUnderTheSameName) {
    DaemonConfig running = parsed("VirusWarning /etc/w\n");
    DaemonConfig reread = running;
    running.virus_warning_text = "old";
    reread.virus_warning_text = "new";
    EXPECT_EQ(plan_reload(running, reread).config.virus_warning_text, "new");
}
