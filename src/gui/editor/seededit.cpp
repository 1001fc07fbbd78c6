#include "seededit.h"

#include <QHBoxLayout>
#include <QLineEdit>

// Placeholder until the real seed editor (modes, range, random) lands.
class SeedEdit::Private
{
public:
    QLineEdit *edit = nullptr;
    Mode mode = Mode::Fixed;
};

SeedEdit::SeedEdit(QWidget *parent) : QWidget(parent), d(new Private)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    d->edit = new QLineEdit(this);
    layout->addWidget(d->edit);
    connect(d->edit, &QLineEdit::textChanged, this, &SeedEdit::textChanged);
}
SeedEdit::~SeedEdit() { delete d; }
QString SeedEdit::text() const { return d->edit->text(); }
bool SeedEdit::setText(const QString &digits) { d->edit->setText(digits); return true; }
void SeedEdit::setRange(const QString &, const QString &) {}
SeedEdit::Mode SeedEdit::mode() const { return d->mode; }
void SeedEdit::setMode(Mode mode) { d->mode = mode; Q_EMIT modeChanged(mode); }
void SeedEdit::advance() {}
