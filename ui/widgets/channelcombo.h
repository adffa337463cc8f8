#pragma once

#include <QComboBox>

namespace normlab {

// "R / G / B" (all of them) / "R" / "G" / "B": which channel a histogram (or, without "all", a per-pixel map)
// shows. Hidden for one channel, where there is nothing to choose. The choice outlives a data set
// that lacks it: back on a colour data set, the channel chosen before is shown again.
class ChannelCombo : public QComboBox {
    Q_OBJECT

public:
    static constexpr int kAll = -1;

    enum class All { Offered, NotOffered };

    explicit ChannelCombo(All all, QWidget* parent = nullptr);
    void setChannels(int channels);
    int channel() const;                           // what is shown now: kAll, or the channel's index
    int wantedChannel() const { return m_wanted; } // what was chosen, also while the data lacks it
    void setChannel(int channel);                  // an index the data does not have selects all channels for now
    // The channels to show out of `channels`: all of them, or the chosen one.
    bool shows(int channel) const { return this->channel() == kAll || this->channel() == channel; }

Q_SIGNALS:
    void channelChanged(int channel);

private:
    bool m_offerAll;
    int m_wanted; // what was asked for, kept while a data set lacks it
};

} // namespace normlab
