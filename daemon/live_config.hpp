// The settings in effect, which a configuration reload replaces while the
// receiver and the scanning threads read them: each takes a snapshot per
// request or per scan, so one scan never mixes old and new settings.
#pragma once

#include "scannedonly/daemon_config.hpp"

#include <memory>
#include <mutex>

namespace scannedonlyd {

class LiveConfig {
public:
    explicit LiveConfig(scannedonly::DaemonConfig config)
        : config_(std::make_shared<const scannedonly::DaemonConfig>(std::move(config))) {}

    std::shared_ptr<const scannedonly::DaemonConfig> get() const {
        std::lock_guard lock(mutex_);
        return config_;
    }
    void set(scannedonly::DaemonConfig config) {
        auto next = std::make_shared<const scannedonly::DaemonConfig>(std::move(config));
        std::lock_guard lock(mutex_);
        config_ = std::move(next);
    }

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const scannedonly::DaemonConfig> config_;
};

}  // namespace scannedonlyd
