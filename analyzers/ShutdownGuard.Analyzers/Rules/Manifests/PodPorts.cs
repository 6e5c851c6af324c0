using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rules.Manifests;

/// <summary>Whether a port a probe or a Service names belongs to the app's container rather than to something else in the pod.</summary>
internal static class PodPorts
{
    /// <summary>
    /// True when <paramref name="port"/> (a number, or a name of the container's ports) is the app's as far as the
    /// manifest tells: no other container of the pod (init containers included: native sidecars) declares it, the
    /// container's command line does not mention it (a second listener with a pipeline of its own, a management port),
    /// and, when the container does not declare it, no environment ShutdownGuard cannot read may configure it.
    /// </summary>
    public static bool TargetsApp(PodSpec pod, ContainerSpec container, ManifestScalar? port)
    {
        if (container.PortNumber(port) is not { } number)
        {
            return false;
        }

        var declared = Declares(container, number);
        if (!declared && pod.Containers.Concat(pod.InitContainers).Any(other => !ReferenceEquals(other, container) && Declares(other, number)))
        {
            return false;
        }

        var mention = new Regex("(?<![0-9])" + number.ToString(CultureInfo.InvariantCulture) + "(?![0-9])", RegexOptions.CultureInvariant);
        if (container.Command.Concat(container.Args).Any(item => mention.IsMatch(item.Text)))
        {
            return false;
        }

        return declared || !(container.HasEnvFrom || container.Env.Any(variable => variable.HasValueFrom));
    }

    public static bool Declares(ContainerSpec container, int port) =>
        container.Ports.Any(candidate => candidate.Port?.AsInt() == port);
}
