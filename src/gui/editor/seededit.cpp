#include "seededit.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QFile>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeyEvent>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QStyle>
#include <QToolButton>
#include <QValidator>

#include <limits>
#include <optional>

namespace {

constexpr quint64 MaxSeed = std::numeric_limits<quint64>::max();

// The icon set is drawn separately: until a name is in the resources, no icon (the
// buttons show their text) rather than an SVG warning at every paint.
QIcon resourceIcon(const QString &name)
{
    const QString path = QStringLiteral(":/icons/%1.svg").arg(name);
    return QFile::exists(path) ? QIcon(path) : QIcon();
}

// The value of a string of decimal digits, or nothing if it is not one (signs, spaces,
// letters, empty) or does not fit in 64 bits. Never through a double.
std::optional<quint64> parseDigits(QStringView text)
{
    if (text.isEmpty() || text.size() > 20)
        return std::nullopt;
    quint64 value = 0;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        const quint64 digit = quint64(c.unicode() - u'0');
        if (value > (MaxSeed - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

// What can be typed: digits only, and never a number above the maximum (typing it is
// refused). A number below the minimum can be on its way to a valid one ("1" before
// "12"), so it is Intermediate: shown with the reason, and reverted if left so.
class SeedValidator : public QValidator
{
public:
    SeedValidator(QObject *parent, const quint64 *minimum, const quint64 *maximum,
                  const QString *committed)
        : QValidator(parent), m_minimum(minimum), m_maximum(maximum), m_committed(committed)
    {}

    State validate(QString &input, int &) const override
    {
        if (input.isEmpty())
            return Intermediate;
        const std::optional<quint64> value = parseDigits(input);
        if (!value || *value > *m_maximum)
            return Invalid;
        return *value < *m_minimum ? Intermediate : Acceptable;
    }

    void fixup(QString &input) const override { input = *m_committed; }

private:
    const quint64 *m_minimum;
    const quint64 *m_maximum;
    const QString *m_committed;
};

} // namespace

class SeedEdit::Private : public QObject
{
public:
    explicit Private(SeedEdit *seedEdit) : q(seedEdit) {}

    SeedEdit *q;
    QLineEdit *edit = nullptr;
    QComboBox *modeBox = nullptr;
    QToolButton *diceButton = nullptr;
    QAction *errorAction = nullptr;
    Mode mode = Mode::Fixed;
    quint64 minimum = 0;
    quint64 maximum = MaxSeed;
    quint64 value = 0;
    QString committed = QStringLiteral("0");

    // Makes value the seed: shows it, checks it against the range, emits textChanged if
    // it differs from the one before.
    void commit(quint64 newValue);
    void onTextEdited(const QString &text);
    void showState(const QString &problem);
    void updateRangeDescription();
    QString rangeProblem(quint64 candidate) const;
    quint64 randomInRange() const;

protected:
    // Up and Down in the field step the seed by one, exactly, like a spin box would.
    bool eventFilter(QObject *watched, QEvent *event) override;
};

QString SeedEdit::Private::rangeProblem(quint64 candidate) const
{
    if (candidate >= minimum && candidate <= maximum)
        return {};
    return SeedEdit::tr("The seed must be from %1 to %2.")
        .arg(QString::number(minimum), QString::number(maximum));
}

void SeedEdit::Private::commit(quint64 newValue)
{
    const QString digits = QString::number(newValue);
    if (edit->text() != digits) {
        // Keep the cursor where the user had it when the digits change under it (arrow
        // keys), rather than jumping to the end.
        const int cursor = edit->cursorPosition();
        edit->setText(digits);
        edit->setCursorPosition(qMin(cursor, int(digits.size())));
    }
    showState(rangeProblem(newValue));
    if (digits == committed)
        return;
    value = newValue;
    committed = digits;
    Q_EMIT q->textChanged(committed);
}

void SeedEdit::Private::onTextEdited(const QString &text)
{
    const std::optional<quint64> typed = parseDigits(text);
    if (!typed) {
        showState(text.isEmpty() ? SeedEdit::tr("Type a seed: a whole number from %1 to %2.")
                                       .arg(QString::number(minimum), QString::number(maximum))
                                 : SeedEdit::tr("The seed can only hold the digits 0 to 9."));
        return;
    }
    const QString problem = rangeProblem(*typed);
    if (!problem.isEmpty()) {
        // Not committed: the last valid seed stays the value until the typing is valid.
        showState(problem);
        return;
    }
    // Leading zeros stay in the field while typing; the value (and text()) is canonical.
    showState({});
    const QString digits = QString::number(*typed);
    if (digits != committed) {
        value = *typed;
        committed = digits;
        Q_EMIT q->textChanged(committed);
    }
}

void SeedEdit::Private::showState(const QString &problem)
{
    const bool bad = !problem.isEmpty();
    errorAction->setVisible(bad);
    errorAction->setToolTip(problem);
    edit->setToolTip(bad ? problem : SeedEdit::tr("The seed of the next run"));
    // A red frame says "not taken" at a glance; the icon's tooltip says why.
    edit->setStyleSheet(bad ? QStringLiteral("QLineEdit { border: 2px solid #e01b24; }")
                            : QString());
}

void SeedEdit::Private::updateRangeDescription()
{
    edit->setAccessibleDescription(
        SeedEdit::tr("The seed of the next run, a whole number from %1 to %2; the Up and "
                     "Down arrow keys add or take away one")
            .arg(QString::number(minimum), QString::number(maximum)));
    edit->setPlaceholderText(
        SeedEdit::tr("%1 to %2").arg(QString::number(minimum), QString::number(maximum)));
}

quint64 SeedEdit::Private::randomInRange() const
{
    const quint64 span = maximum - minimum;
    // The full range has 2^64 values, one more than a quint64 can count: every 64-bit
    // number is then equally likely as it comes.
    if (span == MaxSeed)
        return QRandomGenerator::global()->generate64();
    return minimum + QRandomGenerator::global()->bounded(span + 1);
}

SeedEdit::SeedEdit(QWidget *parent) : QWidget(parent), d(new Private(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    d->edit = new QLineEdit(this);
    d->edit->setObjectName(QStringLiteral("seedLineEdit"));
    d->edit->setText(d->committed);
    d->edit->setValidator(
        new SeedValidator(d->edit, &d->minimum, &d->maximum, &d->committed));
    // 20 digits fit without scrolling, with room for the error icon and the frame.
    d->edit->setMinimumWidth(
        d->edit->fontMetrics().horizontalAdvance(QString(20, QLatin1Char('9')))
        + d->edit->fontMetrics().height() * 2 + 12);
    d->edit->setAccessibleName(tr("Seed"));
    d->edit->installEventFilter(d);
    QIcon errorIcon = resourceIcon(QStringLiteral("error"));
    if (errorIcon.isNull())
        errorIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    d->errorAction = new QAction(errorIcon, QString(), this);
    d->edit->addAction(d->errorAction, QLineEdit::TrailingPosition);
    // Hidden after adding it: the line edit only hides the icon on a change of the action.
    d->errorAction->setVisible(false);
    layout->addWidget(d->edit, 1);

    d->diceButton = new QToolButton(this);
    d->diceButton->setObjectName(QStringLiteral("seedRandomButton"));
    d->diceButton->setIcon(resourceIcon(QStringLiteral("random")));
    d->diceButton->setText(tr("New seed"));
    d->diceButton->setToolTip(tr("Pick a new random seed now"));
    d->diceButton->setAccessibleName(tr("New random seed"));
    d->diceButton->setAccessibleDescription(
        tr("Replaces the seed with a random one from its allowed range"));
    layout->addWidget(d->diceButton);

    d->modeBox = new QComboBox(this);
    d->modeBox->setObjectName(QStringLiteral("seedModeBox"));
    // In the order of Mode, so the index is the mode.
    d->modeBox->addItem(resourceIcon(QStringLiteral("fixed")), tr("Fixed"));
    d->modeBox->addItem(resourceIcon(QStringLiteral("random")), tr("Random"));
    d->modeBox->addItem(resourceIcon(QStringLiteral("increment")), tr("Increment"));
    d->modeBox->setItemData(0, tr("Keep the seed after each run"), Qt::ToolTipRole);
    d->modeBox->setItemData(1, tr("Pick a new random seed after each run"), Qt::ToolTipRole);
    d->modeBox->setItemData(2, tr("Add one to the seed after each run"), Qt::ToolTipRole);
    d->modeBox->setToolTip(tr("What happens to the seed after each run"));
    d->modeBox->setAccessibleName(tr("Seed after each run"));
    d->modeBox->setAccessibleDescription(
        tr("What happens to the seed after each run: fixed keeps it, random picks a new "
           "one, increment adds one"));
    layout->addWidget(d->modeBox);

    setFocusProxy(d->edit);
    setAccessibleName(tr("Seed"));
    setAccessibleDescription(tr("The seed and what happens to it after each run"));
    d->showState({});
    d->updateRangeDescription();

    connect(d->edit, &QLineEdit::textEdited, d,
            [this](const QString &text) { d->onTextEdited(text); });
    // Leaving the field shows the value that counts: the canonical digits, or the last
    // valid seed if the typing was left unfinished (the validator's fixup restores it).
    connect(d->edit, &QLineEdit::editingFinished, d, [this] { d->commit(d->value); });
    connect(d->diceButton, &QToolButton::clicked, d,
            [this] { d->commit(d->randomInRange()); });
    connect(d->modeBox, &QComboBox::currentIndexChanged, d,
            [this](int index) { setMode(Mode(index)); });
}

SeedEdit::~SeedEdit()
{
    // The field outlives d (QWidget deletes children later) and may still lose focus as
    // this widget is hidden: its validator must not read d's range then.
    d->edit->removeEventFilter(d);
    d->edit->setValidator(nullptr);
    delete d;
}

QString SeedEdit::text() const { return d->committed; }

bool SeedEdit::setText(const QString &digits)
{
    const std::optional<quint64> parsed = parseDigits(digits);
    if (!parsed)
        return false;
    // A seed outside the range (a workflow's value against the server's limits) is kept
    // and shown marked rather than dropped: it is the user's data.
    d->commit(*parsed);
    return true;
}

void SeedEdit::setRange(const QString &minimum, const QString &maximum)
{
    const std::optional<quint64> low = parseDigits(minimum);
    const std::optional<quint64> high = parseDigits(maximum);
    if (!low || !high || *low > *high) {
        qWarning("SeedEdit::setRange: ignoring an invalid range %s .. %s",
                 qPrintable(minimum), qPrintable(maximum));
        return;
    }
    d->minimum = *low;
    d->maximum = *high;
    d->updateRangeDescription();
    d->showState(d->rangeProblem(d->value));
}

SeedEdit::Mode SeedEdit::mode() const { return d->mode; }

void SeedEdit::setMode(Mode mode)
{
    if (mode == d->mode)
        return;
    d->mode = mode;
    d->modeBox->setCurrentIndex(int(mode));
    Q_EMIT modeChanged(mode);
}

void SeedEdit::advance()
{
    switch (d->mode) {
    case Mode::Fixed:
        break;
    case Mode::Random:
        d->commit(d->randomInRange());
        break;
    case Mode::Increment:
        // Past the maximum (or from anywhere outside the range) back to the minimum;
        // value + 1 cannot overflow when value < maximum.
        d->commit(d->value >= d->minimum && d->value < d->maximum ? d->value + 1
                                                                  : d->minimum);
        break;
    }
}

bool SeedEdit::Private::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down) {
            // Like a spin box: one step, stopping at the ends of the range.
            const bool up = key->key() == Qt::Key_Up;
            quint64 next = value;
            if (next < minimum || next > maximum)
                next = up ? minimum : maximum;
            else if (up && next < maximum)
                ++next;
            else if (!up && next > minimum)
                --next;
            commit(next);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}
