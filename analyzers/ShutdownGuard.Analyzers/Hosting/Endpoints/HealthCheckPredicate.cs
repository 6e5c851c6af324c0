using System;
using System.Linq;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>
/// The <c>HealthCheckOptions.Predicate</c> of a health-check endpoint, as far as it could be read: constants, tag and
/// name tests, and their negations and combinations. <see cref="Unknown"/> when the lambda does anything else.
/// Evaluating gives null when the answer depends on a name or tag that is not known.
/// </summary>
internal abstract class HealthCheckPredicate
{
    /// <summary>No predicate (or <c>_ => true</c>): every registered check runs.</summary>
    public static readonly HealthCheckPredicate All = new Constant(true);

    /// <summary><c>_ => false</c>: no check runs, the endpoint always answers healthy.</summary>
    public static readonly HealthCheckPredicate None = new Constant(false);

    public static readonly HealthCheckPredicate Unknown = new Unreadable();

    private HealthCheckPredicate()
    {
    }

    public bool IsKnown => this is not Unreadable;

    public static HealthCheckPredicate HasTag(string tag) => new Tag(tag);

    public static HealthCheckPredicate HasName(string name) => new Name(name);

    public static HealthCheckPredicate Not(HealthCheckPredicate operand) => operand.IsKnown ? new Negation(operand) : Unknown;

    public static HealthCheckPredicate And(HealthCheckPredicate left, HealthCheckPredicate right) =>
        left.IsKnown && right.IsKnown ? new Junction(left, right, isAnd: true) : Unknown;

    public static HealthCheckPredicate Or(HealthCheckPredicate left, HealthCheckPredicate right) =>
        left.IsKnown && right.IsKnown ? new Junction(left, right, isAnd: false) : Unknown;

    /// <summary>Whether the check is selected: null when the predicate or the check's name or tags are unknown.</summary>
    public abstract bool? Selects(HealthCheckRegistration check);

    /// <summary>A canonical text: two predicates with the same text select the same checks.</summary>
    public abstract override string ToString();

    private sealed class Constant : HealthCheckPredicate
    {
        private readonly bool _value;

        public Constant(bool value) => _value = value;

        public override bool? Selects(HealthCheckRegistration check) => _value;

        public override string ToString() => _value ? "true" : "false";
    }

    private sealed class Unreadable : HealthCheckPredicate
    {
        public override bool? Selects(HealthCheckRegistration check) => null;

        public override string ToString() => "?";
    }

    private sealed class Tag : HealthCheckPredicate
    {
        private readonly string _tag;

        public Tag(string tag) => _tag = tag;

        // HealthCheckRegistration keeps its tags in a set that ignores case.
        public override bool? Selects(HealthCheckRegistration check) =>
            check.Tags.IsDefault ? null : check.Tags.Contains(_tag, StringComparer.OrdinalIgnoreCase);

        public override string ToString() => "tag:" + _tag.ToUpperInvariant();
    }

    private sealed class Name : HealthCheckPredicate
    {
        private readonly string _name;

        public Name(string name) => _name = name;

        public override bool? Selects(HealthCheckRegistration check) =>
            check.Name is null ? null : string.Equals(check.Name, _name, StringComparison.Ordinal);

        public override string ToString() => "name:" + _name;
    }

    private sealed class Negation : HealthCheckPredicate
    {
        private readonly HealthCheckPredicate _operand;

        public Negation(HealthCheckPredicate operand) => _operand = operand;

        public override bool? Selects(HealthCheckRegistration check) => !_operand.Selects(check);

        public override string ToString() => "!" + _operand;
    }

    private sealed class Junction : HealthCheckPredicate
    {
        private readonly HealthCheckPredicate _left;
        private readonly HealthCheckPredicate _right;
        private readonly bool _isAnd;

        public Junction(HealthCheckPredicate left, HealthCheckPredicate right, bool isAnd)
        {
            _left = left;
            _right = right;
            _isAnd = isAnd;
        }

        // Three-valued logic: false && unknown is false, true || unknown is true.
        public override bool? Selects(HealthCheckRegistration check)
        {
            var left = _left.Selects(check);
            var right = _right.Selects(check);
            if (_isAnd)
            {
                return left == false || right == false ? false : left == true && right == true ? true : null;
            }

            return left == true || right == true ? true : left == false && right == false ? false : null;
        }

        public override string ToString() => "(" + _left + (_isAnd ? " && " : " || ") + _right + ")";
    }
}
