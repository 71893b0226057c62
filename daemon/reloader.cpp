#include "reloader.hpp"

#include "log.hpp"
#include "stamp_file.hpp"

#include <systemd/sd-daemon.h>

#include <ctime>
#include <memory>
#include <stdexcept>
#include <utility>

namespace scannedonlyd {

namespace {

void notify_reloading() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    const unsigned long long usec =
        static_cast<unsigned long long>(now.tv_sec) * 1000000ULL + now.tv_nsec / 1000;
    sd_notifyf(0, "RELOADING=1\nMONOTONIC_USEC=%llu\nSTATUS=reloading the signature database",
               usec);
}

}  // namespace

Reloader::Reloader(std::string database, EngineSettings settings, EngineHolder& engines,
                   EngineRecord& record, std::chrono::milliseconds check_interval,
                   DatabaseState loaded, std::string stamp_file)
    : database_(std::move(database)), settings_(std::move(settings)), engines_(engines),
      record_(record), check_interval_(check_interval), loaded_(std::move(loaded)),
      stamp_file_(std::move(stamp_file)), thread_([this] { run(); }) {}

Reloader::~Reloader() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void Reloader::request() {
    {
        std::lock_guard lock(mutex_);
        requested_ = true;
    }
    wake_.notify_all();
}

void Reloader::reconfigure(std::string database, EngineSettings settings,
                           std::chrono::milliseconds check_interval, bool rebuild) {
    {
        std::lock_guard lock(mutex_);
        if (rebuild || database != database_ || !(settings == settings_)) requested_ = true;
        database_ = std::move(database);
        settings_ = std::move(settings);
        check_interval_ = check_interval;
    }
    wake_.notify_all();
}

void Reloader::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        const auto woken = [this] { return stopping_ || requested_; };
        if (check_interval_.count() > 0) wake_.wait_for(lock, check_interval_, woken);
        else wake_.wait(lock, woken);
        if (stopping_) break;
        const bool requested = std::exchange(requested_, false);
        const std::string database = database_;
        lock.unlock();
        if (requested || database_state(database) != loaded_) {
            if (!requested) log(LOG_NOTICE, "signature database changed, reloading");
            reload();
        } else if (engines_.get()->signatures_changed()) {
            log(LOG_NOTICE, "a clamd server has new signatures, renewing the stamp");
            reload();
        }
        lock.lock();
    }
}

// Freeing a large engine takes a while: wait here until the scans still
// using the old engine have finished, so no scanning thread pays for it.
void Reloader::retire(std::shared_ptr<const ScanEngine> old) {
    using namespace std::chrono_literals;
    std::unique_lock lock(mutex_);
    while (old.use_count() > 1 && !stopping_) wake_.wait_for(lock, 20ms);
    lock.unlock();
    old.reset();
}

void Reloader::reload() {
    notify_reloading();
    std::unique_lock lock(mutex_);
    const std::string database = database_;
    const EngineSettings settings = settings_;
    lock.unlock();
    loaded_ = database_state(database);
    std::shared_ptr<const ScanEngine> old;
    try {
        LoadedEngine loaded = load_engine(database, settings);
        const std::string facts = describe(loaded.facts, *loaded.engine);
        old = engines_.set(std::move(loaded.engine));
        record_.set(loaded.facts);
        publish_stamp(stamp_file_, loaded.facts);
        log(LOG_NOTICE, "signature database reloaded: " + facts);
    } catch (const std::exception& e) {
        log(LOG_ERR, std::string("reload failed, still scanning with the old database: ") + e.what());
    }
    sd_notify(0, "READY=1");
    retire(std::move(old));
}

}  // namespace scannedonlyd
