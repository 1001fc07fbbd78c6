#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <algorithm>
#include <vector>

// Measures how long the UI thread's event loop goes without turning: a precise 5 ms timer
// notes when it fires; the longest time between two firings, less the interval, is the
// longest stall a user would have felt (a frozen window, a late repaint).
class EventLoopGap final : public QObject
{
public:
    explicit EventLoopGap(QObject *parent = nullptr) : QObject(parent)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(IntervalMs);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last >= 0)
                m_gapsUs.push_back((now - m_last) / 1000);
            m_last = now;
        });
    }

    void start()
    {
        m_gapsUs.clear();
        m_phaseStart = 0;
        m_last = -1;
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }

    // The longest stall in milliseconds (0 when the loop always turned in time).
    double worstMs() const
    {
        if (m_gapsUs.empty())
            return 0;
        const qint64 worst = *std::max_element(m_gapsUs.begin(), m_gapsUs.end());
        return std::max(0.0, worst / 1000.0 - IntervalMs);
    }
    double percentileMs(double p) const
    {
        if (m_gapsUs.empty())
            return 0;
        std::vector<qint64> sorted = m_gapsUs;
        std::sort(sorted.begin(), sorted.end());
        const size_t at = std::min(sorted.size() - 1, size_t(p * double(sorted.size())));
        return std::max(0.0, sorted[at] / 1000.0 - IntervalMs);
    }
    size_t samples() const { return m_gapsUs.size(); }
    // The worst stall since the last call (for telling which phase stalled).
    double takePhaseWorstMs()
    {
        double worst = 0;
        for (size_t i = m_phaseStart; i < m_gapsUs.size(); ++i)
            worst = std::max(worst, m_gapsUs[i] / 1000.0 - IntervalMs);
        m_phaseStart = m_gapsUs.size();
        return worst;
    }

    static constexpr int IntervalMs = 5;

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    std::vector<qint64> m_gapsUs;
    size_t m_phaseStart = 0;
};
