#include "ui/widgets/channelcombo.h"

#include <algorithm>

#include "ui/plots/channelstyle.h"

namespace normlab {

ChannelCombo::ChannelCombo(All all, QWidget* parent)
    : QComboBox(parent), m_offerAll(all == All::Offered), m_wanted(m_offerAll ? kAll : 0) {
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    // Never squeezed below its text in a full row of controls ("R / G /" says nothing): the
    // combos beside it elide their long names instead.
    setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Fixed);
    setChannels(1);
    // Repopulating for a new data set blocks signals: every change seen here is a choice.
    connect(this, &QComboBox::currentIndexChanged, this, [this] {
        m_wanted = channel();
        Q_EMIT channelChanged(m_wanted);
    });
}

void ChannelCombo::setChannels(int channels) {
    {
        const QSignalBlocker block(this);
        clear();
        // "R / G / B" is shorter than "all channels" in a full row of controls, and says which.
        if (m_offerAll) addItem(channels == kRgbChannels ? channelList(channels) : tr("all channels"), kAll);
        for (int c = 0; c < channels; ++c)
            addItem(channels == 1 ? tr("the channel") : channelName(c, channels), c);
        setCurrentIndex(std::max(0, findData(m_wanted)));
    }
    setVisible(channels > 1); // the page refreshes its views for a new data set itself
}

int ChannelCombo::channel() const {
    return currentIndex() < 0 ? (m_offerAll ? kAll : 0) : currentData().toInt();
}

void ChannelCombo::setChannel(int channel) {
    const int index = std::max(0, findData(channel));
    if (index != currentIndex()) setCurrentIndex(index);
    m_wanted = channel; // after: choosing "all" for now must not forget the channel asked for
}

} // namespace normlab
