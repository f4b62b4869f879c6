package dev.punctual.api.system;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts {@link ProblemErrorReportValve} in place of Tomcat's HTML error report, so that even the
 * requests Tomcat refuses by itself are answered with problem+json. Ordered last, so that it
 * replaces the valve Spring Boot's own customizer adds.
 */
@Configuration(proxyBeanMethods = false)
class TomcatProblems {

  @Bean
  ProblemErrorReports problemErrorReports() {
    return new ProblemErrorReports();
  }

  static final class ProblemErrorReports
      implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
      factory.addContextCustomizers(context -> replaceErrorReport(context.getParent()));
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }

  private static void replaceErrorReport(org.apache.catalina.Container host) {
    var pipeline = host.getPipeline();
    for (Valve valve : pipeline.getValves()) {
      if (valve instanceof ErrorReportValve) {
        pipeline.removeValve(valve);
      }
    }
    pipeline.addValve(new ProblemErrorReportValve());
    if (host instanceof StandardHost standard) {
      // Else the host adds Tomcat's own when it starts, not finding one of the configured class.
      standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
    }
  }
}
