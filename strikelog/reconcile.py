"""reconcile: check an assembled extraction and fill what follows from its parts.

Children never exceed people; a report-level total missing from the text is the sum of its
incidents (its evidence is theirs); totals that disagree with the incidents give a warning.
"""

from __future__ import annotations

from strikelog.models import Extraction, Figure, Incident, Span, Totals

_PAIRS = (("children_killed", "killed"), ("children_injured", "injured"))
_SUMMED = ("killed", "injured", "children_killed", "children_injured", "casualties")
_PEOPLE_OF = dict(_PAIRS)  # the people field a children field counts among


def _sum_figures(figures: list[Figure]) -> Figure | None:
    if len(figures) == 1:  # one place: its figure is the total, qualifier and all
        f = figures[0]
        return Figure(f.value, f.qualifier, f.low, f.high, list(f.evidence))
    known = False
    value = 0
    exact = True  # every figure known and exact
    evidence: list[Span] = []
    for f in figures:
        if f.value is None:
            exact = False
            continue
        known = True
        value += f.value
        if f.qualifier != "exact":
            exact = False
        for e in f.evidence:
            if e not in evidence:
                evidence.append(e)
    if not known:
        return None
    return Figure(value, "exact" if exact else "at_least", value, None, evidence)


def _is_zero(fig: Figure | None) -> bool:
    return fig is not None and fig.value == 0 and fig.qualifier == "exact"


def _at_least_children(child: Figure, people: Figure | None = None) -> Figure:
    """The people figure raised to the children counted among them: at least that many, on
    the children's evidence (and the people figure's, when there was one)."""
    extra = [e for e in people.evidence if e not in child.evidence] if people else []
    return Figure(child.value, "at_least", child.value, None, list(child.evidence) + extra)


def _children_of_placed(ex: Extraction, child_field: str, people_field: str) -> Figure | None:
    """The children total when the places account for every person of the total.

    "Two people were killed in the region": a 50-year-old driver in one village and a man
    in another are both, so no child was among the two.
    """
    total = getattr(ex.totals, people_field)
    if total is None or total.value is None or total.qualifier != "exact" or not total.value:
        return None
    people = [getattr(i, people_field) for i in ex.incidents]
    hit = [(i, f) for i, f in zip(ex.incidents, people, strict=True) if f is not None and f.value]
    if not hit or any(f.qualifier != "exact" for _, f in hit):
        return None
    if sum(f.value or 0 for _, f in hit) != total.value:
        return None
    children = [getattr(i, child_field) for i, _ in hit]
    if any(c is None or c.value is None or c.qualifier != "exact" for c in children):
        return None
    return _sum_figures([c for c in children if c is not None])


def _split_casualties(owner: Incident | Totals) -> None:
    """"received seven casualties, all lightly injured": a combined figure the killed and
    injured figures already account for is no figure of its own."""
    combined = owner.casualties
    if combined is None or combined.value is None:
        return
    parts = [f.value for f in (owner.killed, owner.injured) if f is not None and f.value]
    if parts and sum(parts) >= combined.value:
        owner.casualties = None


def reconcile(ex: Extraction) -> Extraction:
    incidents = ex.incidents
    for inc in incidents:
        _split_casualties(inc)
        for child_field, people_field in _PAIRS:
            child = getattr(inc, child_field)
            if child is None:
                continue  # no children figure: nothing to check
            people = getattr(inc, people_field)
            if (
                _is_zero(child)
                and people is not None
                and people.value
                and child is not None
                and not any(e in people.evidence for e in child.evidence)
                and max(e.start for e in people.evidence) > max(e.start for e in child.evidence)
            ):
                # "their mother was injured" (no child hurt), then "three neighbours were
                # hurt too, four in all": the zero was said of a figure since replaced
                setattr(inc, child_field, None)
                continue
            if child is not None and child.value:  # a zero child count says nothing more
                if people is None or people.value is None:
                    # "two children were killed": the people killed include them
                    setattr(inc, people_field, _at_least_children(child))
                elif people.value < child.value:
                    # "two children were killed" then "the boy died": the children count holds
                    ex.warnings.append(
                        f"{inc.place.name if inc.place else 'an incident'}: "
                        f"{child_field} ({child.value}) exceeded {people_field} "
                        f"({people.value}); {people_field} raised to {child.value}"
                    )
                    setattr(inc, people_field, _at_least_children(child, people))
    totals = ex.totals
    _split_casualties(totals)
    for name in ("killed", "injured"):
        stated = getattr(totals, name)
        if (
            _is_zero(stated)
            and stated is not None
            and not any(f is not None and f.value for f in [getattr(i, name) for i in incidents])
        ):
            # "No one was killed, officials said": nobody at any of the places either
            for inc in incidents:
                if getattr(inc, name) is None:
                    setattr(inc, name, Figure(0, "exact", 0, 0, list(stated.evidence)))
    for name in _SUMMED:
        parts = [f for i in incidents if (f := getattr(i, name)) is not None]
        summed = _sum_figures(parts) if parts else None
        current = getattr(totals, name)
        if current is None:
            if summed is None:
                continue
            if summed.value == 0:
                # a place where nobody was hurt had no hurt child either
                people_of = _PEOPLE_OF.get(name)
                unknown = any(
                    getattr(i, name) is None
                    and not (people_of and _is_zero(getattr(i, people_of)))
                    for i in incidents
                )
                # all stated parts 0 but some place unknown: the total is unknown, not 0
                # (places that give no figure do not make the sum a lower bound; only parts
                # that are lower bounds themselves do)
                if unknown:
                    continue
            setattr(totals, name, summed)
            continue
        if summed is not None and current.value is not None and summed.value is not None:
            if summed.value > current.value and current.qualifier in ("exact", "up_to"):
                ex.warnings.append(
                    f"incidents add up to {summed.value} {name}, more than the reported "
                    f"total of {current.value}"
                )
            elif summed.value > current.value:
                # "at least 7" with 9 placed: the parts show the total is higher
                ex.warnings.append(
                    f"incidents add up to {summed.value} {name}; the report's total says "
                    f"{current.qualifier.replace('_', ' ')} {current.value}"
                )
    for child_field, people_field in _PAIRS:
        if getattr(totals, child_field) is None and incidents:  # (none placed: none found)
            setattr(totals, child_field, _children_of_placed(ex, child_field, people_field))
        child, people = getattr(totals, child_field), getattr(totals, people_field)
        if (
            child is not None
            and child.value
            and (people is None or people.value is None)
        ):
            setattr(totals, people_field, _at_least_children(child))
        elif (
            child is not None
            and people is not None
            and child.value is not None
            and people.value is not None
            and child.value > people.value
        ):
            ex.warnings.append(
                f"{child_field} ({child.value}) exceeds {people_field} "
                f"({people.value}) in the totals; {people_field} raised to {child.value}"
            )
            setattr(totals, people_field, _at_least_children(child, people))
    return ex
